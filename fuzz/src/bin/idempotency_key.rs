//! AFL++ target: [`mypages_fuzz::idempotency_key_header`] on every input (infra/fuzz-parsers.sh).
fn main() {
    afl::fuzz!(|data: &[u8]| mypages_fuzz::idempotency_key_header(data));
}
