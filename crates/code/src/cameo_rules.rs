//! petrel's own composition and negation rules, read off the structure of the CAMEO codebook; the
//! coder uses them when no PETRARCH ontology file is loaded (the built-in dictionaries).
//!
//! CAMEO's verbal families mirror its action families: an appeal (02), an intent (03), a demand
//! (10) and a rejection (12) each have a subcode per kind of cooperation (04 to 08), and a threat
//! (13) has one per kind of conflict (14 to 20). So "wants to help" is intent + aid = 033, "urged
//! to release" is appeal + release = 0253, "threatened to impose sanctions" is 1312, "refused to
//! meet" and "did not meet" are 125. Each table below maps an action code, by its longest listed
//! prefix, to the code of the family.
//!
//! [`by_source`] applies with any dictionaries: it follows a CAMEO definition, not an ontology.

use petrel_core::{CameoCode, EventActor};

/// CAMEO's 183 is "conduct suicide, car, or other non-military bombing".
const NON_MILITARY_BOMBING: &str = "183";
/// What a bombing by armed forces is: "employ aerial weapons".
const MILITARY_BOMBING: &str = "195";

/// A code the source's kind makes more precise: CAMEO defines 183 as non-military bombing, so
/// "the air force bombed ..." (a source with the military sector) employs aerial weapons.
pub fn by_source(code: CameoCode, source: &EventActor) -> CameoCode {
    if code.as_str() == NON_MILITARY_BOMBING && source.sectors.iter().any(|s| s == "MIL") {
        return MILITARY_BOMBING.parse().unwrap_or(code);
    }
    code
}

/// Action prefixes and the appeal (02) for each.
const APPEAL: &[(&str, &str)] = &[
    ("04", "026"),
    ("045", "028"),
    ("05", "022"),
    ("057", "027"),
    ("06", "021"),
    ("061", "0211"),
    ("062", "0212"),
    ("063", "0213"),
    ("064", "0214"),
    ("07", "023"),
    ("071", "0231"),
    ("072", "0232"),
    ("073", "0233"),
    ("074", "0234"),
    ("08", "025"),
    ("081", "0251"),
    ("082", "0252"),
    ("083", "024"),
    ("0831", "0241"),
    ("0832", "0242"),
    ("0833", "0243"),
    ("0834", "0244"),
    ("084", "0253"),
    ("085", "0254"),
    ("086", "0255"),
    ("087", "0256"),
];

/// Action prefixes and the intent (03) to do them.
const INTENT: &[(&str, &str)] = &[
    ("04", "036"),
    ("045", "039"),
    ("05", "032"),
    ("057", "037"),
    ("06", "031"),
    ("061", "0311"),
    ("062", "0312"),
    ("063", "0313"),
    ("064", "0314"),
    ("07", "033"),
    ("071", "0331"),
    ("072", "0332"),
    ("073", "0333"),
    ("074", "0334"),
    ("08", "035"),
    ("081", "0351"),
    ("082", "0352"),
    ("083", "034"),
    ("0831", "0341"),
    ("0832", "0342"),
    ("0833", "0343"),
    ("0834", "0344"),
    ("084", "0353"),
    ("085", "0354"),
    ("086", "0355"),
    ("087", "0356"),
];

/// Action prefixes and the demand (10) that they be done.
const DEMAND: &[(&str, &str)] = &[
    ("04", "106"),
    ("045", "108"),
    ("05", "102"),
    ("057", "107"),
    ("06", "101"),
    ("061", "1011"),
    ("062", "1012"),
    ("063", "1013"),
    ("064", "1014"),
    ("07", "103"),
    ("071", "1031"),
    ("072", "1032"),
    ("073", "1033"),
    ("074", "1034"),
    ("08", "105"),
    ("081", "1051"),
    ("082", "1052"),
    ("083", "104"),
    ("0831", "1041"),
    ("0832", "1042"),
    ("0833", "1043"),
    ("0834", "1044"),
    ("084", "1053"),
    ("085", "1054"),
    ("086", "1055"),
    ("087", "1056"),
];

/// Action prefixes and the refusal (12) to do them: also what "did not" makes of them.
const REFUSAL: &[(&str, &str)] = &[
    ("04", "125"),
    ("045", "126"),
    ("057", "127"),
    ("06", "121"),
    ("061", "1211"),
    ("062", "1212"),
    ("07", "122"),
    ("071", "1221"),
    ("072", "1222"),
    ("073", "1223"),
    ("074", "1224"),
    ("08", "124"),
    ("081", "1241"),
    ("082", "1242"),
    ("083", "123"),
    ("0831", "1231"),
    ("0832", "1232"),
    ("0833", "1233"),
    ("0834", "1234"),
    ("084", "1243"),
    ("085", "1244"),
    ("086", "1245"),
    ("087", "1246"),
];

/// Conflict prefixes and the threat (13) of them: also what an intent to do them is.
const THREAT: &[(&str, &str)] = &[
    ("14", "133"),
    ("16", "131"),
    ("161", "1313"),
    ("162", "1311"),
    ("163", "1312"),
    ("164", "134"),
    ("165", "135"),
    ("166", "136"),
    ("17", "137"),
    ("172", "132"),
    ("18", "1383"),
    ("19", "138"),
    ("191", "1381"),
    ("192", "1382"),
    ("193", "1384"),
    ("194", "1384"),
    ("195", "1384"),
    ("20", "1385"),
];

/// The value of the longest prefix of `code` that `table` lists.
fn lookup(table: &[(&str, &str)], code: CameoCode) -> Option<CameoCode> {
    let code = code.as_str();
    table
        .iter()
        .filter(|(prefix, _)| code.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .and_then(|(_, to)| to.parse().ok())
}

/// The code for "`upper` to `lower`": an appeal, intent, demand, refusal or threat whose content
/// is the action `lower`; `None` when CAMEO has no such code.
pub fn combine(upper: CameoCode, lower: CameoCode) -> Option<CameoCode> {
    match upper.root()? {
        2 => lookup(APPEAL, lower),
        3 => lookup(INTENT, lower).or_else(|| lookup(THREAT, lower)),
        10 => lookup(DEMAND, lower),
        12 => lookup(REFUSAL, lower),
        13 => lookup(THREAT, lower),
        _ => None,
    }
}

/// Whether `code` is a verb class that takes another event as its content (statement, appeal,
/// intent, investigation, demand, threat) rather than an action of its own.
pub fn is_class(code: CameoCode) -> bool {
    code.is_statement()
        || code.is_appeal()
        || code.is_intent()
        || code.is_investigation()
        || code.is_demand()
        || code.is_threat()
}

/// The code of not doing `code`: a refusal of cooperation ("did not meet" is 125). Other
/// negated events ("did not attack") have no code of their own.
pub fn negate(code: CameoCode) -> Option<CameoCode> {
    lookup(REFUSAL, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> CameoCode {
        s.parse().expect("a valid code")
    }

    fn combined(upper: &str, lower: &str) -> Option<String> {
        combine(code(upper), code(lower)).map(|c| c.to_string())
    }

    #[test]
    fn families_mirror_the_actions() {
        assert_eq!(combined("030", "070").as_deref(), Some("033"));
        assert_eq!(combined("030", "0732").as_deref(), Some("0333"));
        assert_eq!(combined("020", "0841").as_deref(), Some("0253"));
        assert_eq!(combined("100", "046").as_deref(), Some("106"));
        assert_eq!(combined("120", "040").as_deref(), Some("125"));
        assert_eq!(combined("130", "163").as_deref(), Some("1312"));
        assert_eq!(combined("0311", "0832").as_deref(), Some("0342"));
    }

    #[test]
    fn an_intent_to_attack_is_a_threat() {
        assert_eq!(combined("030", "190").as_deref(), Some("138"));
        assert_eq!(combined("030", "195").as_deref(), Some("1384"));
        assert_eq!(combined("030", "192").as_deref(), Some("1382"));
        assert_eq!(combined("036", "200").as_deref(), Some("1385"));
    }

    #[test]
    fn no_code_where_cameo_has_none() {
        assert_eq!(combined("020", "190"), None);
        assert_eq!(combined("010", "070"), None);
        assert_eq!(combined("030", "090"), None);
        assert_eq!(combined("190", "070"), None);
    }

    #[test]
    fn negation_refuses_cooperation_only() {
        assert_eq!(
            negate(code("0871")).map(|c| c.to_string()).as_deref(),
            Some("1246")
        );
        assert_eq!(
            negate(code("060")).map(|c| c.to_string()).as_deref(),
            Some("121")
        );
        assert_eq!(negate(code("190")), None);
        assert_eq!(negate(code("111")), None);
    }

    #[test]
    fn classes_take_content() {
        assert!(is_class(code("030")));
        assert!(is_class(code("090")));
        assert!(!is_class(code("070")));
        assert!(!is_class(code("190")));
    }
}
