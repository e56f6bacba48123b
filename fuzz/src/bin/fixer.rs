//! AFL++ target: [`mypages_fuzz::fixer`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::fixer(data));
}
