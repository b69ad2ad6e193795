-- Embed tokens are single-use: the identity of every exchanged token (SHA-256 of its issuer and jti,
-- or of its signature when it has no jti) is kept until the token expires, in the operational
-- database so that a token exchanged at one instance is refused at every other. Rows past
-- expires_at are purged at each exchange.
CREATE TABLE pulse_embed_token_use (
    token_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    app_id      VARCHAR(36)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX pulse_embed_token_use_expiry ON pulse_embed_token_use (expires_at);
