fn main() {
    let model = petrel::nlp::model::Model::builtin().unwrap();
    let (d, _) = petrel::dict::native::builtin();
    let coder = petrel::code::Coder::new(d, petrel::code::CoderOptions::default());
    let date = petrel::core::Date::from_ymd(2017, 3, 20).unwrap();
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        for s in model.parse_text(&line) {
            println!("{}", s.text);
            for e in coder.explain_sentence(&s, date) { println!("   {e}"); }
        }
    }
}
