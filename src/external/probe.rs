//! Asking one address whether it answers: `HEAD` first (no page to download), then
//! `GET` when the server does not take `HEAD` (405, 501); redirects followed up to
//! [`super::MAX_REDIRECTS`]; the whole exchange within the timeout. The one place
//! `--external` uses the HTTP client (ureq).

use std::time::Duration;

/// Why an address does not answer as it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The final answer's status, when it is not a success (2xx).
    Status(u16),
    /// The site's name is not found (DNS).
    NoSuchHost,
    /// More redirects than [`super::MAX_REDIRECTS`].
    EndlessRedirects,
    /// No whole answer within the timeout.
    Timeout,
    /// Anything else: a refused connection, a TLS error… in the client's words.
    Unreachable(String),
}

/// The client every address is asked with.
pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .max_redirects(super::MAX_REDIRECTS)
        .user_agent(concat!("kepu/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Whether `url` answers with a success.
pub fn probe(agent: &ureq::Agent, url: &str) -> Result<(), Failure> {
    let status = match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 405 | 501) => get(agent, url)?,
        Ok(r) => r.status().as_u16(),
        Err(e) => return Err(failure(e)),
    };
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(Failure::Status(status))
    }
}

/// The status of a `GET` of `url`; the body is not read.
fn get(agent: &ureq::Agent, url: &str) -> Result<u16, Failure> {
    agent
        .get(url)
        .call()
        .map(|r| r.status().as_u16())
        .map_err(failure)
}

/// The failure a client error stands for.
fn failure(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::HostNotFound => Failure::NoSuchHost,
        ureq::Error::TooManyRedirects => Failure::EndlessRedirects,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
        other => Failure::Unreachable(other.to_string()),
    }
}
