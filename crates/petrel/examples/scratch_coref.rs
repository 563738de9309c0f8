use petrel::code::actors::ActorLexicon;
use petrel::code::coref::Antecedents;
use petrel::code::syntax::Tree;
fn main() {
    let model = petrel::nlp::model::Model::builtin().unwrap();
    let (d, _) = petrel::dict::native::builtin();
    let date = petrel::core::Date::from_ymd(2017, 3, 20).unwrap();
    let text = std::io::read_to_string(std::io::stdin()).unwrap();
    let mut a = Antecedents::new();
    for (i, s) in model.parse_text(&text).iter().enumerate() {
        a.begin_sentence(i);
        let tree = Tree::with_vocabulary(s, &d.vocabulary);
        let lex = ActorLexicon { vocabulary: &d.vocabulary, actors: &d.actors, agents: &d.agents, antecedents: Some(&a) };
        let named = a.named(&tree, &lex, date);
        println!("{i}: {:?}", named);
        a.remember(named);
    }
}
