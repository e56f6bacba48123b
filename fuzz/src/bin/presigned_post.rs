//! AFL++ target: [`mypages_fuzz::presigned_post`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::presigned_post(data));
}
