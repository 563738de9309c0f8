//! Fuzzes the CoNLL-U reader and writer: any bytes give sentences or an error naming a line, and
//! what the writer writes reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reader = petrel_nlp::conllu::Reader::new(data);
    for sentence in reader.flatten() {
        let mut out = Vec::new();
        petrel_nlp::conllu::write(&mut out, &sentence).expect("writing to memory cannot fail");
        let back = petrel_nlp::conllu::read_str(&String::from_utf8_lossy(&out));
        assert!(back.is_ok(), "the writer wrote what the reader refuses: {back:?}");
    }
});
