//! Fuzzes petrel's TOML dictionary reader and its compilation through the PETRARCH readers: any
//! text gives entries plus diagnostics whose lines exist, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_dict::native;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count() as u32;
    let (set, diagnostics) = native::read_files(&[("fuzz.toml".to_string(), text.to_string())]);
    for d in &diagnostics {
        assert!(d.line >= 1 && d.line <= lines, "{d} of {lines} lines");
    }
    let (dictionaries, _) = native::compile(&set);
    let _ = petrel_dict::set::counts(&dictionaries);
    let _ = native::stats(&set);
    let _ = native::check(&set);
    let _ = native::export_petrarch(&set);
});
