//! AWS Signature Version 4 for S3 requests, in the `Authorization` header: the one
//! form of authentication that every S3-compatible store (Aliyun OSS, Tencent COS,
//! Huawei OBS, Qiniu, R2, MinIO, AWS) accepts.
//!
//! A leaf of `deploy`: [`sign`] takes the parts of a request and returns the headers to
//! add. HMAC-SHA256 and SHA-256 come from RustCrypto's `hmac` and `sha2`; the
//! canonical request is built here, following the published algorithm.

use crate::escape::percent_encode;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// An access key and its secret (and a session token for temporary keys).
#[derive(Clone)]
pub struct Credentials {
    /// The access key id (`AKIA…`, `LTAI…`).
    pub key_id: String,
    /// The secret access key.
    pub secret: String,
    /// The session token of temporary credentials (`AWS_SESSION_TOKEN`).
    pub token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    // Never print the secret, not even in a debug message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, …)", self.key_id)
    }
}

/// One request to sign.
#[derive(Debug)]
pub struct Request<'a> {
    /// `GET`, `PUT`, `DELETE`.
    pub method: &'a str,
    /// The `Host` header as sent (`bucket.oss-cn-shenzhen.aliyuncs.com`, `127.0.0.1:9000`).
    pub host: &'a str,
    /// The path, already percent-encoded as sent (`/bucket/news/a%20b.html`).
    pub path: &'a str,
    /// Query parameters, not encoded.
    pub query: &'a [(&'a str, &'a str)],
    /// Further headers to sign (lowercase names), besides host and `x-amz-*`.
    pub headers: &'a [(&'a str, &'a str)],
    /// Hex SHA-256 of the body.
    pub payload_sha256: &'a str,
    /// The signing region.
    pub region: &'a str,
}

/// The headers that authenticate `request` at `time`: `x-amz-date`,
/// `x-amz-content-sha256`, `x-amz-security-token` for temporary keys, `authorization`.
pub fn sign(
    request: &Request<'_>,
    credentials: &Credentials,
    time: jiff::Timestamp,
) -> Vec<(&'static str, String)> {
    let amz_date = time.strftime("%Y%m%dT%H%M%SZ").to_string();
    let day = &amz_date[..8];
    let headers = headers_to_sign(request, credentials, &amz_date);
    let signed_headers = headers
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical = canonical_request(request, &headers, &signed_headers);
    let scope = format!("{day}/{}/s3/aws4_request", request.region);
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let key = signing_key(credentials, day, request.region);
    let signature = hex(&hmac(&key, to_sign.as_bytes()));
    let mut out = vec![
        ("x-amz-date", amz_date),
        ("x-amz-content-sha256", request.payload_sha256.to_string()),
    ];
    if let Some(token) = &credentials.token {
        out.push(("x-amz-security-token", token.clone()));
    }
    out.push((
        "authorization",
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            credentials.key_id
        ),
    ));
    out
}

/// The headers the signature covers, lowercase names sorted: host, the `x-amz-*`
/// ones and the request's own.
fn headers_to_sign(
    request: &Request<'_>,
    credentials: &Credentials,
    amz_date: &str,
) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), request.host.into()),
        ("x-amz-content-sha256".into(), request.payload_sha256.into()),
        ("x-amz-date".into(), amz_date.into()),
    ];
    if let Some(token) = &credentials.token {
        headers.push(("x-amz-security-token".into(), token.clone()));
    }
    for (name, value) in request.headers {
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    headers.sort();
    headers
}

/// The canonical request: method, path, query, headers, their names, payload hash.
fn canonical_request(
    request: &Request<'_>,
    headers: &[(String, String)],
    signed_headers: &str,
) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        request.path,
        canonical_query(request.query),
        headers
            .iter()
            .map(|(n, v)| format!("{n}:{v}\n"))
            .collect::<String>(),
        signed_headers,
        request.payload_sha256
    )
}

/// The key of one day's signatures, derived from the secret, day, region and service.
fn signing_key(credentials: &Credentials, day: &str, region: &str) -> Vec<u8> {
    let mut key = hmac(
        format!("AWS4{}", credentials.secret).as_bytes(),
        day.as_bytes(),
    );
    for part in [region, "s3", "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    key
}

/// The query string as signed and sent: encoded pairs sorted by name.
pub fn canonical_query(query: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (percent_encode(k, false), percent_encode(v, false)))
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example_credentials() -> Credentials {
        // The example key of the S3 documentation ("Signature Calculations for the
        // Authorization Header"), whose signatures are published.
        Credentials {
            key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            token: None,
        }
    }

    fn authorization(request: &Request<'_>) -> String {
        let time: jiff::Timestamp = "2013-05-24T00:00:00Z".parse().unwrap();
        let headers = sign(request, &example_credentials(), time);
        headers
            .into_iter()
            .find(|(n, _)| *n == "authorization")
            .unwrap()
            .1
    }

    const EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn get_object_matches_the_published_example() {
        let request = Request {
            method: "GET",
            host: "examplebucket.s3.amazonaws.com",
            path: "/test.txt",
            query: &[],
            headers: &[("range", "bytes=0-9")],
            payload_sha256: EMPTY,
            region: "us-east-1",
        };
        assert_eq!(
            authorization(&request),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    #[test]
    fn list_objects_matches_the_published_example() {
        let request = Request {
            method: "GET",
            host: "examplebucket.s3.amazonaws.com",
            path: "/",
            query: &[("prefix", "J"), ("max-keys", "2")],
            headers: &[],
            payload_sha256: EMPTY,
            region: "us-east-1",
        };
        assert!(authorization(&request).ends_with(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
        ));
    }
}
