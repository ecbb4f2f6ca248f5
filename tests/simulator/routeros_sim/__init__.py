"""RouterOS v6 API simulator: the binary API over TCP and TLS, backed by a data-driven router model."""
