//! PETRARCH's internal coding ontology (PICO): CAMEO codes as sums of hexadecimal features, which
//! PETRARCH-2 uses to negate codes ("did not criticize" is an endorsement).
//!
//! The file (`PETR.Internal.Coding.Ontology.txt`, named by `<PICOfile>` in validation files) maps
//! each code to one or more expressions, `110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove`, whose terms
//! are added; text after `#` that is not an expression is a comment. Negating a code adds or
//! removes the `0xFFFF` feature; when the result names no code, the code stays as it was and only
//! the event's modality records the negation.
//!
//! This reader belongs with the other dictionary readers in `petrel-dict`; it lives here until
//! that crate grows one.

use crate::cameo_rules;
use petrel_core::CameoCode;
use std::collections::HashMap;

/// The feature PETRARCH adds for "not".
const NEGATION: i64 = 0xFFFF;
/// The longest line we read; the real file's lines are under 100 bytes.
const MAX_LINE: usize = 4096;

/// The ontology: codes by value and values by code.
#[derive(Clone, Debug, Default)]
pub struct Pico {
    by_value: HashMap<i64, CameoCode>,
    by_code: HashMap<CameoCode, i64>,
}

/// A line the reader skipped, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PicoWarning {
    pub line: usize,
    pub message: String,
}

impl Pico {
    /// Reads the ontology text; lines it cannot read are returned as warnings.
    pub fn read(text: &str) -> (Pico, Vec<PicoWarning>) {
        let mut pico = Pico::default();
        let mut warnings = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.len() > MAX_LINE {
                warnings.push(PicoWarning {
                    line: line_no,
                    message: "line too long; skipped".into(),
                });
                continue;
            }
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let Ok(code) = code.trim().parse::<CameoCode>() else {
                // `---:0` and similar markers are not codes.
                continue;
            };
            let mut first = true;
            for part in rest.split('#') {
                let Some(value) = expression(part.trim()) else {
                    continue;
                };
                if first {
                    pico.by_code.entry(code).or_insert(value);
                    first = false;
                }
                pico.by_value.entry(value).or_insert(code);
            }
            if first {
                warnings.push(PicoWarning {
                    line: line_no,
                    message: format!("code {code} has no value; write it as CODE:0xHEX"),
                });
            }
        }
        (pico, warnings)
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// The code for "`upper` to `lower`" ("want" + "help" = intend to give aid, 033), when the two
    /// codes' features do not overlap and their sum names a code. PETRARCH-2 composes a verb with
    /// its infinitive complement this way.
    pub fn combine(&self, upper: CameoCode, lower: CameoCode) -> Option<CameoCode> {
        if self.is_empty() {
            return cameo_rules::combine(upper, lower);
        }
        let u = *self.by_code.get(&upper)?;
        let l = *self.by_code.get(&lower)?;
        if u <= 0 || l <= 0 || u >= NEGATION || l >= NEGATION {
            return None;
        }
        // Each hexadecimal digit is one feature; a digit both codes set cannot be added.
        let overlap = (0..4).any(|k| (u >> (4 * k)) & 0xF != 0 && (l >> (4 * k)) & 0xF != 0);
        if overlap {
            return None;
        }
        self.by_value.get(&(u + l)).copied()
    }

    /// Whether both codes are of a verb class of their own (the top hexadecimal digit: say,
    /// appeal, intend, demand, ...): "want to re-examine" is an investigation, not an intent.
    pub fn both_classes(&self, upper: CameoCode, lower: CameoCode) -> bool {
        if self.is_empty() {
            return cameo_rules::is_class(upper) && cameo_rules::is_class(lower);
        }
        let class = |c: &CameoCode| self.by_code.get(c).map(|v| (v >> 12) & 0xF);
        matches!((class(&upper), class(&lower)), (Some(a), Some(b)) if a != 0 && b != 0)
    }

    /// Whether `code` is an action of its own rather than a verb class (its top hexadecimal digit
    /// is zero: "agree", "lift sanctions"); `None` for a code the ontology does not know.
    pub fn is_action(&self, code: CameoCode) -> Option<bool> {
        if self.is_empty() {
            return code.root().map(|_| !cameo_rules::is_class(code));
        }
        self.by_code.get(&code).map(|v| (v >> 12) & 0xF == 0)
    }

    /// The code meaning "not `code`", when the ontology has one.
    pub fn negate(&self, code: CameoCode) -> Option<CameoCode> {
        if self.is_empty() {
            return cameo_rules::negate(code);
        }
        let value = *self.by_code.get(&code)?;
        let negated = if value < 0 {
            value + NEGATION
        } else {
            value - NEGATION
        };
        self.by_value
            .get(&negated)
            .or_else(|| {
                self.by_value
                    .get(&(value + NEGATION))
                    .filter(|_| value >= 0)
            })
            .copied()
    }
}

/// Evaluates `0x1000`, `0xFFFF+0x0080`, `-0xFFFF+0x2040+0x300`, `0x1000-0xFFFF`; `None` for text
/// that is not such an expression.
fn expression(text: &str) -> Option<i64> {
    if text.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut sign = 1;
    let mut rest = text;
    let mut terms = 0;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix('-') {
            sign = -sign;
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix('+') {
            rest = r;
            continue;
        }
        if rest.is_empty() {
            break;
        }
        let end = rest.find(['+', '-', ' ']).unwrap_or(rest.len());
        let term = rest.get(..end)?;
        let digits = term.strip_prefix("0x").or_else(|| term.strip_prefix("0X"));
        let value = match digits {
            Some(hex) => i64::from_str_radix(hex, 16).ok()?,
            None => term.parse::<i64>().ok()?,
        };
        total = total.checked_add(sign * value)?;
        sign = 1;
        terms += 1;
        rest = rest.get(end..)?;
    }
    (terms > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> CameoCode {
        s.parse().unwrap_or_else(|_| panic!("bad test code {s}"))
    }

    #[test]
    fn expressions() {
        assert_eq!(expression("0x1000"), Some(0x1000));
        assert_eq!(expression("0xFFFF+0x0080"), Some(0xFFFF + 0x80));
        assert_eq!(
            expression("-0xFFFF+0x2040+0x300"),
            Some(-0xFFFF + 0x2040 + 0x300)
        );
        assert_eq!(expression("0x1000-0xFFFF"), Some(0x1000 - 0xFFFF));
        assert_eq!(expression("Disapprove"), None);
        assert_eq!(expression(""), None);
    }

    #[test]
    fn negation_goes_both_ways() {
        let text = "050:0x0080#DiplomaticCoop\n060:0x0070\n110:0x1007f#0xFFFF+0x0080#Disapprove\n\
                    121:-0xFFFF+0x0070\n---:0\nbroken line\n";
        let (pico, warnings) = Pico::read(text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(pico.negate(code("110")), Some(code("050")));
        assert_eq!(pico.negate(code("050")), Some(code("110")));
        assert_eq!(pico.negate(code("060")), Some(code("121")));
        assert_eq!(pico.negate(code("121")), Some(code("060")));
        assert_eq!(pico.negate(code("190")), None);
    }

    #[test]
    fn combination_adds_disjoint_features() {
        let text = "020:0x2000\n023:0x2040\n030:0x3000\n033:0x3040\n070:0x0040\n";
        let (pico, _) = Pico::read(text);
        assert_eq!(pico.combine(code("030"), code("070")), Some(code("033")));
        assert_eq!(pico.combine(code("020"), code("070")), Some(code("023")));
        // Overlapping features do not combine.
        assert_eq!(pico.combine(code("023"), code("070")), None);
    }

    #[test]
    fn a_code_without_value_warns() {
        let (_, warnings) = Pico::read("050:Diplomatic\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 1);
    }
}
