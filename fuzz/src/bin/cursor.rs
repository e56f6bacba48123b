//! AFL++ target: [`mypages_fuzz::cursor`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::cursor(data));
}
