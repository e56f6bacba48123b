//! AFL++ target: [`mypages_fuzz::if_match_header`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::if_match_header(data));
}
