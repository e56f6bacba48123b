//! AFL++ target: [`mypages_fuzz::swea`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::swea(data));
}
