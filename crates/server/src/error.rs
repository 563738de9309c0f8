//! API errors: every failure is a JSON body `{"error": {"status", "message"}}` with its status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use petrel_store::StoreError;

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match &e {
            StoreError::BadQuery(m) => ApiError::bad_request(m.clone()),
            StoreError::NotFound(m) => ApiError::not_found(m.clone()),
            StoreError::Sqlite(rusqlite_error) if is_busy(rusqlite_error) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the store is busy; retry in a moment",
            ),
            _ => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
}

fn is_busy(e: &petrel_store::rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(petrel_store::rusqlite::ErrorCode::DatabaseBusy)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "status": self.status.as_u16(), "message": self.message }
        });
        (self.status, axum::Json(body)).into_response()
    }
}
