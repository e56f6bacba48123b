//! AFL++ target: [`mypages_fuzz::textract`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::textract(data));
}
