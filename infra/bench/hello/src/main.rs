//! The smallest `lambda_http` function: the yardstick of `bench-coldstart`. Built with the
//! workspace's release profile, like every function.
use lambda_http::{Body, Error, Request, Response, run, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    run(service_fn(|_: Request| async {
        Response::builder()
            .status(200)
            .body(Body::from("hello"))
            .map_err(Error::from)
    }))
    .await
}
