//! E-mail to a company's admins through SES (v1 `SendEmail`; locally the emulator, which
//! keeps what it sent). Addresses are never logged: a failure names how many recipients it
//! concerned, not who.

use aws_sdk_ses::Client;

use super::sdk::LazyClient;
use aws_sdk_ses::error::ProvideErrorMetadata;
use aws_sdk_ses::types::{Body, Content, Destination, Message};
use thiserror::Error;

#[derive(Debug, Error)]
#[error("mail: {0}")]
pub struct MailError(pub String);

#[derive(Debug, Clone)]
pub struct Mailer {
    client: LazyClient<Client>,
    /// `MAIL_SENDER`: the verified SES identity the mails come from.
    mail_sender: String,
}

impl Mailer {
    pub fn new(client: LazyClient<Client>, mail_sender: &str) -> Mailer {
        Mailer {
            client,
            mail_sender: mail_sender.to_owned(),
        }
    }

    pub fn sender(&self) -> &str {
        &self.mail_sender
    }

    /// One plain-text mail to each recipient (separately, so no admin sees the others'
    /// addresses). Every recipient is tried; the error counts the ones that failed.
    pub async fn mail_each(
        &self,
        recipients: &[String],
        subject: &str,
        text: &str,
    ) -> Result<(), MailError> {
        let mut failed = Vec::new();
        for recipient in recipients {
            if let Err(error) = self.mail_one(recipient, subject, text).await {
                failed.push(error.0);
            }
        }
        match failed.first() {
            None => Ok(()),
            Some(first) => Err(MailError(format!(
                "{} of {} mails not sent; the first: {first}",
                failed.len(),
                recipients.len()
            ))),
        }
    }

    async fn mail_one(&self, recipient: &str, subject: &str, text: &str) -> Result<(), MailError> {
        let content = |data: &str| {
            Content::builder()
                .data(data)
                .charset("UTF-8")
                .build()
                .map_err(|e| MailError(e.to_string()))
        };
        let message = Message::builder()
            .subject(content(subject)?)
            .body(Body::builder().text(content(text)?).build())
            .build();
        self.client
            .send_email()
            .source(&self.mail_sender)
            .destination(Destination::builder().to_addresses(recipient).build())
            .message(message)
            .send()
            .await
            // Only the error's code: SES's messages may quote the addresses concerned.
            .map_err(|e| MailError(e.code().unwrap_or("unknown SES error").to_owned()))?;
        Ok(())
    }
}
