//! English irregular verbs: past tense and past participle forms with their base form.
//!
//! The treebank holds many of these, but news uses rarer ones (`fled`, `slew`, `forbade`,
//! `overthrew`) that a suffix rule mangles (`fled` → `fl`). Written by the petrel authors from the
//! grammar of English; a form listed twice (`lay`, `found`) keeps its more frequent verb first.

/// `base past participle` per line; alternatives separated by `/`.
const TABLE: &str = "\
arise arose arisen
awake awoke awoken
bear bore borne/born
beat beat beaten
become became become
befall befell befallen
begin began begun
behold beheld beheld
bend bent bent
beset beset beset
bet bet bet
bid bid bid
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burn burnt burnt
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
do did done
draw drew drawn
dream dreamt dreamt
drink drank drunk
drive drove driven
dwell dwelt dwelt
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade forbidden
forecast forecast forecast
foresee foresaw foreseen
foretell foretold foretold
forget forgot forgotten
forgive forgave forgiven
forsake forsook forsaken
freeze froze frozen
get got gotten/got
give gave given
go went gone
grind ground ground
grow grew grown
hang hung hung
have had had
hear heard heard
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
know knew known
lay laid laid
lead led led
lean leant leant
leap leapt leapt
learn learnt learnt
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mislead misled misled
mistake mistook mistaken
misunderstand misunderstood misunderstood
outdo outdid outdone
overcome overcame overcome
overdo overdid overdone
overhear overheard overheard
override overrode overridden
overrun overran overrun
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid paid
prove proved proven
put put put
quit quit quit
read read read
rebuild rebuilt rebuilt
redo redid redone
rend rent rent
repay repaid repaid
rethink rethought rethought
rewrite rewrote rewritten
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
sew sewed sewn
shake shook shaken
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank/shrunk shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slit slit slit
speak spoke spoken
speed sped sped
spend spent spent
spill spilt spilt
spin spun spun
spit spat spat
split split split
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
stink stank stunk
stride strode stridden
strike struck struck/stricken
string strung strung
strive strove striven
swear swore sworn
sweep swept swept
swell swelled swollen
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
thrust thrust thrust
tread trod trodden
undergo underwent undergone
understand understood understood
undertake undertook undertaken
undo undid undone
uphold upheld upheld
upset upset upset
wake woke woken
wear wore worn
weave wove woven
weep wept wept
wet wet wet
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
wring wrung wrung
write wrote written
";

/// The base form of an irregular past tense or past participle (lowercase), if it is one.
pub(crate) fn base_of(lower: &str) -> Option<&'static str> {
    TABLE.lines().find_map(|line| {
        let mut parts = line.split(' ');
        let base = parts.next()?;
        parts
            .any(|forms| forms.split('/').any(|f| f == lower))
            .then_some(base)
    })
}

#[cfg(test)]
mod tests {
    use super::base_of;

    #[test]
    fn past_forms_map_to_their_base() {
        assert_eq!(base_of("fled"), Some("flee"));
        assert_eq!(base_of("overthrown"), Some("overthrow"));
        assert_eq!(base_of("shrunk"), Some("shrink"));
        assert_eq!(base_of("walked"), None);
        // A base form is not a past form of itself unless the verb is invariant.
        assert_eq!(base_of("flee"), None);
        assert_eq!(base_of("cut"), Some("cut"));
    }

    #[test]
    fn every_line_has_a_base_a_past_and_a_participle() {
        for line in super::TABLE.lines() {
            assert_eq!(line.split(' ').count(), 3, "{line:?}");
        }
    }
}
