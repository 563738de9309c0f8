//! The CAMEO taxonomy: Goldstein scores, QuadClass and the CAMEO → PLOVER mapping for every code.
//!
//! Goldstein scores follow the published CAMEO adaptation of the Goldstein (1992) conflict–cooperation
//! scale, written from our knowledge of that scale. QuadClass follows the GDELT/Phoenix convention
//! by root: 01–05 verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict, 14–20
//! material conflict. (Phoenix's five-way "pentaclass" additionally splits off 01–02 as neutral; the
//! four-way class keeps them in verbal cooperation.)
//!
//! The PLOVER mapping is our own table following the PLOVER project's CAMEO→PLOVER conversion table
//! (draft 0.8, September 2021), with three deliberate differences, checked by a test against that
//! file: the table's `ACCUSE` for roots 09 and 11 is written with the PLOVER event types the manual
//! defines (`INVESTIGATE`, `DISAPPROVE`), its `REQUEST` for root 10 is PLOVER's `DEMAND`, and the
//! context word `pro_autocracy` that the table puts in the mode column of 175 is not a mode. Codes the
//! table leaves out map as their parent (1834, 1951, 1952); roots 01 and 02 have no PLOVER type.

#[cfg(test)]
#[path = "../../../../tests/support/mod.rs"]
mod support;

use petrel_core::{Plover, PloverEvent, PloverMode, QuadClass};

/// What the taxonomy knows about one CAMEO code.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameoInfo {
    /// The code's digits: `"0311"`.
    pub code: &'static str,
    pub goldstein: f32,
    pub quad_class: QuadClass,
    pub plover: Option<Plover>,
}

/// The taxonomy entry of a CAMEO code given by its digits (`"043"`, `"1823"`, or a root `"04"`).
///
/// Codes outside CAMEO (such as the WEIS-style codes of some test dictionaries) fall back to their
/// two-digit root when that root is a CAMEO root, and are otherwise unknown.
pub fn lookup(code: &str) -> Option<CameoInfo> {
    let row = TABLE
        .binary_search_by(|(c, _, _)| c.cmp(&code))
        .ok()
        .and_then(|i| TABLE.get(i))
        .or_else(|| {
            let root = code.get(..2)?;
            let i = TABLE.binary_search_by(|(c, _, _)| c.cmp(&root)).ok()?;
            TABLE.get(i)
        })?;
    let (code, goldstein, plover) = *row;
    Some(CameoInfo {
        code,
        goldstein,
        quad_class: quad_class_of_root(code)?,
        plover: plover.map(|(event, mode)| Plover { event, mode }),
    })
}

/// The QuadClass of a code from its two-digit root, `None` when the root is not 01–20.
pub fn quad_class_of_root(code: &str) -> Option<QuadClass> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(QuadClass::VerbalCooperation),
        6..=8 => Some(QuadClass::MaterialCooperation),
        9..=13 => Some(QuadClass::VerbalConflict),
        14..=20 => Some(QuadClass::MaterialConflict),
        _ => None,
    }
}

/// Every CAMEO code known to the taxonomy, in table order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|(c, _, _)| *c)
}

type Row = (&'static str, f32, Option<(PloverEvent, Option<PloverMode>)>);

/// Sorted by code text so that lookup can binary-search; a test checks the order.
const TABLE: &[Row] = &[
    ("01", 0.0, None),
    ("010", 0.0, None),
    ("011", -0.1, None),
    ("012", -0.4, None),
    ("013", 0.4, None),
    ("014", 0.0, None),
    ("015", 0.0, None),
    ("016", 3.4, None),
    ("017", 0.0, None),
    ("018", 3.4, None),
    ("019", 3.4, None),
    ("02", 3.0, None),
    ("020", 3.0, None),
    ("021", 3.4, None),
    ("0211", 3.4, None),
    ("0212", 3.4, None),
    ("0213", 3.4, None),
    ("0214", 3.4, None),
    ("022", 3.2, None),
    ("023", 3.4, None),
    ("0231", 3.4, None),
    ("0232", 3.4, None),
    ("0233", 3.4, None),
    ("0234", 3.4, None),
    ("024", -0.3, None),
    ("0241", -0.3, None),
    ("0242", -0.3, None),
    ("0243", -0.3, None),
    ("0244", -0.3, None),
    ("025", -0.3, None),
    ("0251", -0.3, None),
    ("0252", -0.3, None),
    ("0253", -0.3, None),
    ("0254", -0.3, None),
    ("0255", -0.3, None),
    ("0256", -0.3, None),
    ("026", 4.0, None),
    ("027", 4.0, None),
    ("028", 4.0, None),
    ("03", 4.0, Some((PloverEvent::Agree, None))),
    ("030", 4.0, Some((PloverEvent::Agree, None))),
    ("031", 5.2, Some((PloverEvent::Agree, None))),
    ("0311", 5.2, Some((PloverEvent::Agree, None))),
    ("0312", 5.2, Some((PloverEvent::Agree, None))),
    ("0313", 5.2, Some((PloverEvent::Agree, None))),
    ("0314", 5.2, Some((PloverEvent::Agree, None))),
    ("032", 4.5, Some((PloverEvent::Agree, None))),
    ("033", 5.2, Some((PloverEvent::Agree, None))),
    ("0331", 5.2, Some((PloverEvent::Agree, None))),
    ("0332", 5.2, Some((PloverEvent::Agree, None))),
    ("0333", 5.2, Some((PloverEvent::Agree, None))),
    ("0334", 5.2, Some((PloverEvent::Agree, None))),
    ("034", 7.0, Some((PloverEvent::Agree, None))),
    ("0341", 7.0, Some((PloverEvent::Agree, None))),
    ("0342", 7.0, Some((PloverEvent::Agree, None))),
    ("0343", 7.0, Some((PloverEvent::Agree, None))),
    ("0344", 7.0, Some((PloverEvent::Agree, None))),
    ("035", 7.0, Some((PloverEvent::Agree, None))),
    ("0351", 7.0, Some((PloverEvent::Agree, None))),
    ("0352", 7.0, Some((PloverEvent::Agree, None))),
    ("0353", 7.0, Some((PloverEvent::Agree, None))),
    ("0354", 7.0, Some((PloverEvent::Agree, None))),
    ("0355", 7.0, Some((PloverEvent::Agree, None))),
    ("0356", 7.0, Some((PloverEvent::Agree, None))),
    ("036", 4.0, Some((PloverEvent::Agree, None))),
    ("037", 5.0, Some((PloverEvent::Agree, None))),
    ("038", 7.0, Some((PloverEvent::Agree, None))),
    ("039", 5.0, Some((PloverEvent::Agree, None))),
    ("04", 1.0, Some((PloverEvent::Consult, None))),
    ("040", 1.0, Some((PloverEvent::Consult, None))),
    (
        "041",
        1.0,
        Some((PloverEvent::Consult, Some(PloverMode::Phone))),
    ),
    (
        "042",
        1.9,
        Some((PloverEvent::Consult, Some(PloverMode::Visit))),
    ),
    (
        "043",
        2.8,
        Some((PloverEvent::Consult, Some(PloverMode::Visit))),
    ),
    (
        "044",
        2.5,
        Some((PloverEvent::Consult, Some(PloverMode::ThirdParty))),
    ),
    ("045", 5.0, Some((PloverEvent::Consult, None))),
    ("046", 7.0, Some((PloverEvent::Consult, None))),
    ("05", 3.5, Some((PloverEvent::Support, None))),
    ("050", 3.5, Some((PloverEvent::Support, None))),
    ("051", 3.4, Some((PloverEvent::Support, None))),
    ("052", 3.5, Some((PloverEvent::Support, None))),
    ("053", 3.8, Some((PloverEvent::Support, None))),
    ("054", 6.0, Some((PloverEvent::Support, None))),
    ("055", 7.0, Some((PloverEvent::Support, None))),
    ("056", 7.0, Some((PloverEvent::Support, None))),
    ("057", 8.0, Some((PloverEvent::Support, None))),
    ("06", 6.0, Some((PloverEvent::Cooperate, None))),
    ("060", 6.0, Some((PloverEvent::Cooperate, None))),
    ("061", 6.4, Some((PloverEvent::Cooperate, None))),
    ("062", 7.4, Some((PloverEvent::Cooperate, None))),
    ("063", 7.4, Some((PloverEvent::Cooperate, None))),
    ("064", 7.0, Some((PloverEvent::Cooperate, None))),
    ("07", 7.0, Some((PloverEvent::Aid, None))),
    ("070", 7.0, Some((PloverEvent::Aid, None))),
    ("071", 7.4, Some((PloverEvent::Aid, None))),
    ("072", 8.3, Some((PloverEvent::Aid, None))),
    ("073", 7.4, Some((PloverEvent::Aid, None))),
    ("074", 8.5, Some((PloverEvent::Aid, None))),
    ("075", 7.0, Some((PloverEvent::Aid, None))),
    ("08", 5.0, Some((PloverEvent::Concede, None))),
    ("080", 5.0, Some((PloverEvent::Concede, None))),
    ("081", 5.0, Some((PloverEvent::Concede, None))),
    ("0811", 5.0, Some((PloverEvent::Concede, None))),
    ("0812", 5.0, Some((PloverEvent::Concede, None))),
    ("0813", 5.0, Some((PloverEvent::Retreat, None))),
    ("0814", 5.0, Some((PloverEvent::Retreat, None))),
    ("082", 5.0, Some((PloverEvent::Concede, None))),
    ("083", 5.0, Some((PloverEvent::Concede, None))),
    ("0831", 5.0, Some((PloverEvent::Concede, None))),
    ("0832", 5.0, Some((PloverEvent::Concede, None))),
    ("0833", 5.0, Some((PloverEvent::Concede, None))),
    ("0834", 5.0, Some((PloverEvent::Concede, None))),
    ("084", 7.0, Some((PloverEvent::Retreat, None))),
    (
        "0841",
        7.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Release))),
    ),
    (
        "0842",
        7.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Return))),
    ),
    (
        "085",
        7.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Ease))),
    ),
    (
        "086",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Access))),
    ),
    (
        "0861",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Access))),
    ),
    (
        "0862",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Access))),
    ),
    (
        "0863",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Access))),
    ),
    (
        "087",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Disarm))),
    ),
    (
        "0871",
        10.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Ceasefire))),
    ),
    (
        "0872",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Withdraw))),
    ),
    (
        "0873",
        9.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Disarm))),
    ),
    (
        "0874",
        10.0,
        Some((PloverEvent::Retreat, Some(PloverMode::Disarm))),
    ),
    (
        "09",
        -2.0,
        Some((PloverEvent::Investigate, Some(PloverMode::Investigate))),
    ),
    (
        "090",
        -2.0,
        Some((PloverEvent::Investigate, Some(PloverMode::Investigate))),
    ),
    (
        "091",
        -2.0,
        Some((PloverEvent::Investigate, Some(PloverMode::Investigate))),
    ),
    (
        "092",
        -2.0,
        Some((PloverEvent::Investigate, Some(PloverMode::Investigate))),
    ),
    (
        "093",
        -2.0,
        Some((PloverEvent::Investigate, Some(PloverMode::Investigate))),
    ),
    (
        "094",
        -2.0,
        Some((PloverEvent::Investigate, Some(PloverMode::Investigate))),
    ),
    ("10", -5.0, Some((PloverEvent::Demand, None))),
    ("100", -5.0, Some((PloverEvent::Demand, None))),
    (
        "101",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1011",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1012",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1013",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1014",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "102",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "103",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1031",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1032",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1033",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "1034",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Assist))),
    ),
    (
        "104",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Change))),
    ),
    (
        "1041",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Change))),
    ),
    (
        "1042",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Change))),
    ),
    (
        "1043",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Change))),
    ),
    (
        "1044",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Change))),
    ),
    (
        "105",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Change))),
    ),
    (
        "1051",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Yield))),
    ),
    (
        "1052",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Yield))),
    ),
    (
        "1053",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Yield))),
    ),
    (
        "1054",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Yield))),
    ),
    (
        "1055",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Yield))),
    ),
    (
        "1056",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Yield))),
    ),
    (
        "106",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Meet))),
    ),
    (
        "107",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Meet))),
    ),
    (
        "108",
        -5.0,
        Some((PloverEvent::Demand, Some(PloverMode::Meet))),
    ),
    (
        "11",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Disapprove))),
    ),
    (
        "110",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Disapprove))),
    ),
    (
        "111",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Disapprove))),
    ),
    (
        "112",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Disapprove))),
    ),
    (
        "1121",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "1122",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "1123",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "1124",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "1125",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "113",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Disapprove))),
    ),
    (
        "114",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "115",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Allege))),
    ),
    (
        "116",
        -2.0,
        Some((PloverEvent::Disapprove, Some(PloverMode::Disapprove))),
    ),
    ("12", -4.0, Some((PloverEvent::Reject, None))),
    ("120", -4.0, Some((PloverEvent::Reject, None))),
    (
        "121",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1211",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1212",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1213",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1214",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "122",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1221",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1222",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1223",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "1224",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Assist))),
    ),
    (
        "123",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1231",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1232",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1233",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1234",
        -4.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "124",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1241",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1242",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Change))),
    ),
    (
        "1243",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Yield))),
    ),
    (
        "1244",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Yield))),
    ),
    (
        "1245",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Yield))),
    ),
    (
        "1246",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Yield))),
    ),
    (
        "125",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Meet))),
    ),
    (
        "126",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Meet))),
    ),
    (
        "127",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Meet))),
    ),
    (
        "128",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Yield))),
    ),
    (
        "129",
        -5.0,
        Some((PloverEvent::Reject, Some(PloverMode::Yield))),
    ),
    ("13", -7.0, Some((PloverEvent::Threaten, None))),
    ("130", -4.4, Some((PloverEvent::Threaten, None))),
    ("131", -5.8, Some((PloverEvent::Threaten, None))),
    (
        "1311",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Relations))),
    ),
    (
        "1312",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Restrict))),
    ),
    (
        "1313",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Relations))),
    ),
    (
        "132",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Ban))),
    ),
    (
        "1321",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Political))),
    ),
    (
        "1322",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Ban))),
    ),
    (
        "1323",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Restrict))),
    ),
    (
        "1324",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Restrict))),
    ),
    (
        "133",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Relations))),
    ),
    (
        "134",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Relations))),
    ),
    (
        "135",
        -5.8,
        Some((PloverEvent::Threaten, Some(PloverMode::Relations))),
    ),
    (
        "136",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Expel))),
    ),
    (
        "137",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Violence))),
    ),
    (
        "138",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Violence))),
    ),
    (
        "1381",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Restrict))),
    ),
    (
        "1382",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Territory))),
    ),
    (
        "1383",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Violence))),
    ),
    (
        "1384",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Violence))),
    ),
    (
        "1385",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Violence))),
    ),
    (
        "139",
        -7.0,
        Some((PloverEvent::Threaten, Some(PloverMode::Relations))),
    ),
    ("14", -6.5, Some((PloverEvent::Protest, None))),
    ("140", -6.5, Some((PloverEvent::Protest, None))),
    (
        "141",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Demo))),
    ),
    (
        "1411",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Demo))),
    ),
    (
        "1412",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Demo))),
    ),
    (
        "1413",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Demo))),
    ),
    (
        "1414",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Demo))),
    ),
    (
        "142",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Hunger))),
    ),
    (
        "1421",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Hunger))),
    ),
    (
        "1422",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Hunger))),
    ),
    (
        "1423",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Hunger))),
    ),
    (
        "1424",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Hunger))),
    ),
    (
        "143",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Boycott))),
    ),
    (
        "1431",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Boycott))),
    ),
    (
        "1432",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Boycott))),
    ),
    (
        "1433",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Boycott))),
    ),
    (
        "1434",
        -6.5,
        Some((PloverEvent::Protest, Some(PloverMode::Boycott))),
    ),
    (
        "144",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Obstruct))),
    ),
    (
        "1441",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Obstruct))),
    ),
    (
        "1442",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Obstruct))),
    ),
    (
        "1443",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Obstruct))),
    ),
    (
        "1444",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Obstruct))),
    ),
    (
        "145",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Riot))),
    ),
    (
        "1451",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Riot))),
    ),
    (
        "1452",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Riot))),
    ),
    (
        "1453",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Riot))),
    ),
    (
        "1454",
        -7.5,
        Some((PloverEvent::Protest, Some(PloverMode::Riot))),
    ),
    ("15", -7.2, Some((PloverEvent::Mobilize, None))),
    ("150", -7.2, Some((PloverEvent::Mobilize, None))),
    (
        "151",
        -7.2,
        Some((PloverEvent::Mobilize, Some(PloverMode::Police))),
    ),
    (
        "152",
        -7.2,
        Some((PloverEvent::Mobilize, Some(PloverMode::Troops))),
    ),
    (
        "153",
        -7.2,
        Some((PloverEvent::Mobilize, Some(PloverMode::Police))),
    ),
    (
        "154",
        -7.2,
        Some((PloverEvent::Mobilize, Some(PloverMode::Troops))),
    ),
    ("16", -4.0, Some((PloverEvent::Sanction, None))),
    ("160", -4.0, Some((PloverEvent::Sanction, None))),
    (
        "161",
        -4.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Withdraw))),
    ),
    (
        "162",
        -5.6,
        Some((PloverEvent::Sanction, Some(PloverMode::Discontinue))),
    ),
    (
        "1621",
        -5.6,
        Some((PloverEvent::Sanction, Some(PloverMode::Discontinue))),
    ),
    (
        "1622",
        -5.6,
        Some((PloverEvent::Sanction, Some(PloverMode::Discontinue))),
    ),
    (
        "1623",
        -5.6,
        Some((PloverEvent::Sanction, Some(PloverMode::Discontinue))),
    ),
    (
        "163",
        -8.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Restrict))),
    ),
    (
        "164",
        -7.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Withdraw))),
    ),
    (
        "165",
        -7.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Withdraw))),
    ),
    (
        "166",
        -7.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Expel))),
    ),
    (
        "1661",
        -7.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Expel))),
    ),
    (
        "1662",
        -7.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Expel))),
    ),
    (
        "1663",
        -7.0,
        Some((PloverEvent::Sanction, Some(PloverMode::Expel))),
    ),
    ("17", -7.0, Some((PloverEvent::Coerce, None))),
    ("170", -7.0, Some((PloverEvent::Coerce, None))),
    (
        "171",
        -9.2,
        Some((PloverEvent::Coerce, Some(PloverMode::Seize))),
    ),
    (
        "1711",
        -9.2,
        Some((PloverEvent::Coerce, Some(PloverMode::Seize))),
    ),
    (
        "1712",
        -9.2,
        Some((PloverEvent::Assault, Some(PloverMode::Seize))),
    ),
    (
        "172",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Restrict))),
    ),
    (
        "1721",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Restrict))),
    ),
    (
        "1722",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Ban))),
    ),
    (
        "1723",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Curfew))),
    ),
    (
        "1724",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::MartialLaw))),
    ),
    (
        "173",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Arrest))),
    ),
    (
        "174",
        -5.0,
        Some((PloverEvent::Coerce, Some(PloverMode::Deport))),
    ),
    ("175", -9.0, Some((PloverEvent::Assault, None))),
    ("18", -9.0, Some((PloverEvent::Assault, None))),
    ("180", -9.0, Some((PloverEvent::Assault, None))),
    (
        "181",
        -9.0,
        Some((PloverEvent::Assault, Some(PloverMode::Abduct))),
    ),
    (
        "182",
        -9.5,
        Some((PloverEvent::Assault, Some(PloverMode::Beat))),
    ),
    (
        "1821",
        -9.0,
        Some((PloverEvent::Assault, Some(PloverMode::Sexual))),
    ),
    (
        "1822",
        -9.0,
        Some((PloverEvent::Assault, Some(PloverMode::Torture))),
    ),
    ("1823", -10.0, Some((PloverEvent::Assault, None))),
    (
        "183",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::SuicideAttack))),
    ),
    (
        "1831",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::SuicideAttack))),
    ),
    (
        "1832",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Explosives))),
    ),
    (
        "1833",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Explosives))),
    ),
    (
        "1834",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::SuicideAttack))),
    ),
    (
        "184",
        -8.0,
        Some((PloverEvent::Assault, Some(PloverMode::Abduct))),
    ),
    (
        "185",
        -8.0,
        Some((PloverEvent::Assault, Some(PloverMode::Assassinate))),
    ),
    (
        "186",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Assassinate))),
    ),
    ("19", -10.0, Some((PloverEvent::Assault, None))),
    ("190", -10.0, Some((PloverEvent::Assault, None))),
    (
        "191",
        -9.5,
        Some((PloverEvent::Coerce, Some(PloverMode::Restrict))),
    ),
    (
        "192",
        -9.5,
        Some((PloverEvent::Coerce, Some(PloverMode::Seize))),
    ),
    (
        "193",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Firearms))),
    ),
    (
        "194",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::HeavyWeapons))),
    ),
    (
        "195",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::HeavyWeapons))),
    ),
    (
        "1951",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::HeavyWeapons))),
    ),
    (
        "1952",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::HeavyWeapons))),
    ),
    ("196", -9.5, Some((PloverEvent::Assault, None))),
    (
        "20",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Massacre))),
    ),
    (
        "200",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Massacre))),
    ),
    (
        "201",
        -9.5,
        Some((PloverEvent::Assault, Some(PloverMode::Cleansing))),
    ),
    (
        "202",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Massacre))),
    ),
    (
        "203",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Cleansing))),
    ),
    (
        "204",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Unconventional))),
    ),
    (
        "2041",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Unconventional))),
    ),
    (
        "2042",
        -10.0,
        Some((PloverEvent::Assault, Some(PloverMode::Unconventional))),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in TABLE.windows(2) {
            if let [a, b] = pair {
                assert!(a.0 < b.0, "{} before {}", a.0, b.0);
            }
        }
    }

    #[test]
    fn every_code_has_a_root_class_and_score_in_range() {
        for (code, goldstein, _) in TABLE {
            assert!(quad_class_of_root(code).is_some(), "{code}");
            assert!((-10.0..=10.0).contains(goldstein), "{code}");
        }
    }

    #[test]
    fn known_values() {
        let attack = lookup("190").map(|i| (i.goldstein, i.quad_class));
        assert_eq!(attack, Some((-10.0, QuadClass::MaterialConflict)));
        let visit = lookup("042").and_then(|i| i.plover);
        assert_eq!(
            visit,
            Some(Plover {
                event: PloverEvent::Consult,
                mode: Some(PloverMode::Visit)
            })
        );
        assert_eq!(lookup("010").and_then(|i| i.plover), None);
        assert_eq!(
            lookup("051").map(|i| i.quad_class),
            Some(QuadClass::VerbalCooperation)
        );
    }

    #[test]
    fn unknown_subcodes_fall_back_to_root() {
        assert_eq!(lookup("0999").map(|i| i.code), Some("09"));
        assert_eq!(lookup("345").map(|i| i.code), None);
        assert_eq!(lookup(""), None);
    }

    /// Checks our table against the PLOVER project's conversion table, when the shared data is
    /// present (it is outside the repository).
    #[test]
    fn agrees_with_plover_conversion_table() {
        // Skips with a message on a developer's machine without ../shared; fails under CI.
        let Some(shared) = super::support::shared("data/plover/CAMEO2PLOVER-2021.txt") else {
            return;
        };
        let text = std::fs::read_to_string(&shared).expect("the shared file reads");
        let mut checked = 0;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let mut fields = rest.split(',').map(str::trim);
            let event = match (fields.next().unwrap_or(""), code.get(..2)) {
                ("ACCUSE", Some("09")) => "INVESTIGATE",
                ("ACCUSE", Some("11")) => "DISAPPROVE",
                ("REQUEST", _) => "DEMAND",
                (other, _) => other,
            };
            let mode = match fields.next().unwrap_or("") {
                "" | "pro_autocracy" => None,
                m => Some(m),
            };
            let ours = lookup(code).and_then(|i| i.plover);
            let ours = ours.map(|p| (p.event.as_str(), p.mode.map(PloverMode::as_str)));
            // The table lists 175 twice; the first line is the one we follow.
            assert_eq!(ours, Some((event, mode)), "CAMEO {code}");
            assert_eq!(lookup(code).map(|i| i.code), Some(code), "{code} missing");
            checked += 1;
        }
        assert!(checked > 250, "only {checked} codes checked");
    }
}
