//! petrel's compact binary gazetteer format: what `petrel geo build` writes and the binary embeds.
//!
//! Layout (integers are LEB128 varints unless said otherwise; strings are a varint byte length
//! then UTF-8):
//!
//! ```text
//! magic      "PTRLGAZ" then the format version byte
//! countries  count, then per country: alpha-2 (2 bytes), alpha-3 (3 bytes)
//! places     count, then per place: kind (1 byte), flags (1 byte: 1 capital, 2 has geonameid,
//!            4 has country), [geonameid], [country index], latitude and longitude
//!            (i32 little-endian, 1e-5 degrees), population, name, admin-1 code ("" for none)
//! names      count, then per name: normalised key, posting count, postings
//!            (place index << 2 | 1 when the key is the place's own name | 2 when it is an
//!            abbreviation such as "UK" or "Calif.")
//! ```
//!
//! The hash table is rebuilt on load rather than stored: that keeps the file about 2 MB smaller
//! and costs a few milliseconds.

use crate::gazetteer::{Gazetteer, NameTable, POSTING_SHIFT};
use crate::place::{CountryCode, Place, PlaceKind};
use crate::GeoError;

const MAGIC: &[u8; 7] = b"PTRLGAZ";
const VERSION: u8 = 2;

const FLAG_CAPITAL: u8 = 1;
const FLAG_GEONAMEID: u8 = 2;
const FLAG_COUNTRY: u8 = 4;

/// Coordinates are stored as integers in units of 1e-5 degrees (about a metre).
const COORDINATE_SCALE: f64 = 100_000.0;

pub(crate) fn encode(gazetteer: &Gazetteer) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 << 20);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    let countries = gazetteer.countries();
    put_varint(&mut out, countries.len() as u64);
    for c in countries {
        out.extend_from_slice(c.iso2().as_bytes());
        out.extend_from_slice(c.iso3().as_bytes());
    }
    let places = gazetteer.places();
    put_varint(&mut out, places.len() as u64);
    for place in places {
        out.push(place.kind.code());
        let country_index = place
            .country
            .and_then(|code| countries.iter().position(|c| *c == code));
        let mut flags = 0;
        if place.capital {
            flags |= FLAG_CAPITAL;
        }
        if place.geonameid.is_some() {
            flags |= FLAG_GEONAMEID;
        }
        if country_index.is_some() {
            flags |= FLAG_COUNTRY;
        }
        out.push(flags);
        if let Some(id) = place.geonameid {
            put_varint(&mut out, u64::from(id));
        }
        if let Some(index) = country_index {
            put_varint(&mut out, index as u64);
        }
        out.extend_from_slice(&scaled(place.lat).to_le_bytes());
        out.extend_from_slice(&scaled(place.lon).to_le_bytes());
        put_varint(&mut out, place.population);
        put_str(&mut out, &place.name);
        put_str(&mut out, place.admin1_code.as_deref().unwrap_or(""));
    }
    let names: Vec<_> = gazetteer.indexed_names().collect();
    put_varint(&mut out, names.len() as u64);
    for (key, postings) in names {
        put_varint(&mut out, key.len() as u64);
        out.extend_from_slice(key);
        put_varint(&mut out, postings.len() as u64);
        for &posting in postings {
            put_varint(&mut out, u64::from(posting));
        }
    }
    out
}

pub(crate) fn decode(bytes: &[u8], origin: &str) -> Result<Gazetteer, GeoError> {
    let mut r = Reader {
        bytes,
        pos: 0,
        origin,
    };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(r.error("not a petrel gazetteer file"));
    }
    let version = r.byte()?;
    if version != VERSION {
        return Err(r.error(&format!(
            "format version {version}, this petrel reads version {VERSION}"
        )));
    }
    let country_count = r.count(5)?;
    let mut countries = Vec::with_capacity(country_count);
    for _ in 0..country_count {
        let iso2 = r.ascii(2)?;
        let iso3 = r.ascii(3)?;
        let code = CountryCode::new(&iso2, &iso3)
            .ok_or_else(|| r.error(&format!("bad country codes {iso2:?} {iso3:?}")))?;
        countries.push(code);
    }
    let place_count = r.count(12)?;
    let mut places = Vec::with_capacity(place_count);
    for _ in 0..place_count {
        let kind_code = r.byte()?;
        let kind = PlaceKind::from_code(kind_code)
            .ok_or_else(|| r.error(&format!("unknown place kind {kind_code}")))?;
        let flags = r.byte()?;
        let geonameid = if flags & FLAG_GEONAMEID != 0 {
            Some(u32::try_from(r.varint()?).map_err(|_| r.error("geonameid out of range"))?)
        } else {
            None
        };
        let country = if flags & FLAG_COUNTRY != 0 {
            let index = r.varint()?;
            let code = usize::try_from(index)
                .ok()
                .and_then(|i| countries.get(i))
                .ok_or_else(|| r.error(&format!("country index {index} out of range")))?;
            Some(*code)
        } else {
            None
        };
        let lat = r.coordinate()?;
        let lon = r.coordinate()?;
        let population = r.varint()?;
        let name = r.string()?;
        let admin1_code = r.string()?;
        places.push(Place {
            name,
            kind,
            country,
            admin1_code: (!admin1_code.is_empty()).then_some(admin1_code),
            admin1: None,
            lat,
            lon,
            geonameid,
            population,
            capital: flags & FLAG_CAPITAL != 0,
        });
    }
    let name_count = r.count(3)?;
    let mut table = NameTable::with_capacity(name_count);
    for _ in 0..name_count {
        let key_len = r.count(1)?;
        table.push_name(r.take(key_len)?);
        let posting_count = r.count(1)?;
        for _ in 0..posting_count {
            let posting = r.varint()?;
            let in_range = usize::try_from(posting >> POSTING_SHIFT).is_ok_and(|i| i < place_count);
            if !in_range {
                return Err(r.error(&format!("posting {posting} names no place")));
            }
            // In range of `place_count`, which is below the number of bytes, so it fits a u32.
            table.push_posting(posting as u32);
        }
    }
    if r.pos != bytes.len() {
        return Err(r.error("trailing bytes after the index"));
    }
    Ok(Gazetteer::assemble(places, countries, table))
}

fn scaled(degrees: f64) -> i32 {
    (degrees * COORDINATE_SCALE).round() as i32
}

/// `degrees` as the file stores it, rounded to 1e-5.
pub(crate) fn at_file_resolution(degrees: f64) -> f64 {
    f64::from(scaled(degrees)) / COORDINATE_SCALE
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    origin: &'b str,
}

impl<'b> Reader<'b> {
    fn error(&self, what: &str) -> GeoError {
        GeoError::Format {
            path: self.origin.to_string(),
            offset: self.pos,
            what: what.to_string(),
        }
    }

    fn take(&mut self, len: usize) -> Result<&'b [u8], GeoError> {
        let end = self
            .pos
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error("file ends early"))?;
        let slice = self.bytes.get(self.pos..end).unwrap_or(&[]);
        self.pos = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, GeoError> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }

    fn varint(&mut self) -> Result<u64, GeoError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.error("varint longer than 64 bits"))
    }

    /// A count of items each at least `min_bytes` long, checked against what is left so that a
    /// damaged count cannot make us allocate without bound.
    fn count(&mut self, min_bytes: usize) -> Result<usize, GeoError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n.saturating_mul(min_bytes as u64) > left {
            return Err(self.error(&format!("count {n} exceeds the bytes left")));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, GeoError> {
        let len = self.count(1)?;
        let raw = self.take(len)?;
        match std::str::from_utf8(raw) {
            Ok(text) => Ok(text.to_string()),
            Err(_) => Err(self.error("string is not UTF-8")),
        }
    }

    fn ascii(&mut self, len: usize) -> Result<String, GeoError> {
        let raw = self.take(len)?;
        Ok(String::from_utf8_lossy(raw).into_owned())
    }

    fn coordinate(&mut self) -> Result<f64, GeoError> {
        let raw = self.take(4)?;
        let array: [u8; 4] = raw.try_into().map_err(|_| self.error("file ends early"))?;
        Ok(f64::from(i32::from_le_bytes(array)) / COORDINATE_SCALE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Gazetteer {
        let ua = CountryCode::new("UA", "UKR");
        let places = vec![
            Place {
                name: "Ukraine".into(),
                kind: PlaceKind::Country,
                country: ua,
                admin1_code: None,
                admin1: None,
                lat: 49.0,
                lon: 32.0,
                geonameid: Some(690791),
                population: 44_622_516,
                capital: false,
            },
            Place {
                name: "Kyiv".into(),
                kind: PlaceKind::City,
                country: ua,
                admin1_code: Some("12".into()),
                admin1: None,
                lat: 50.45466,
                lon: 30.5238,
                geonameid: Some(703448),
                population: 2_952_301,
                capital: true,
            },
            Place {
                name: "Black Sea".into(),
                kind: PlaceKind::Sea,
                country: None,
                admin1_code: None,
                admin1: None,
                lat: 43.0,
                lon: 35.0,
                geonameid: None,
                population: 0,
                capital: false,
            },
        ];
        let alternates = vec![vec![], vec!["Kiev".into(), "Київ".into()], vec![]];
        Gazetteer::from_places(places, ua.into_iter().collect(), alternates)
    }

    #[test]
    fn round_trips() {
        let g = sample();
        let bytes = encode(&g);
        let back = decode(&bytes, "test").expect("own encoding decodes");
        assert_eq!(back.places(), g.places());
        assert_eq!(back.countries(), g.countries());
        assert_eq!(back.lookup("Kiev", None)[0].name, "Kyiv");
        assert_eq!(back.lookup("київ", None)[0].name, "Kyiv");
        assert_eq!(encode(&back), bytes);
    }

    #[test]
    fn rejects_other_files_and_versions() {
        let err = decode(b"GIF89a....", "x.bin").map(|_| ()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.bin: byte 7: not a petrel gazetteer"),
            "{err}"
        );
        let mut bytes = encode(&sample());
        bytes[7] = 99;
        let err = decode(&bytes, "x.bin").map(|_| ()).unwrap_err();
        assert!(err.to_string().contains("format version 99"), "{err}");
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = encode(&sample());
        for len in 0..bytes.len() {
            assert!(
                decode(&bytes[..len], "cut").is_err(),
                "prefix of {len} bytes"
            );
        }
    }

    #[test]
    fn a_huge_count_is_refused_before_allocating() {
        let mut bytes = MAGIC.to_vec();
        bytes.push(VERSION);
        put_varint(&mut bytes, u64::MAX >> 2);
        let err = decode(&bytes, "huge").map(|_| ()).unwrap_err();
        assert!(err.to_string().contains("exceeds the bytes left"), "{err}");
    }
}
