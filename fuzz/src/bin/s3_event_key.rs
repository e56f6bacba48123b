//! AFL++ target: [`mypages_fuzz::s3_event_key`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::s3_event_key(data));
}
