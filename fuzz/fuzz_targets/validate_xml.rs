//! Fuzzes the PETRARCH validation XML reader: any bytes give records or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = petrel_code::validate::read_str("fuzz.xml", &text) {
        let _ = e.to_string();
    }
});
