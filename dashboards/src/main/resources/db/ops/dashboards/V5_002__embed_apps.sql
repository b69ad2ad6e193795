-- Applications allowed to embed dashboards. The secret signs HS256 tokens, so it must be kept as
-- is (a hash could not verify a signature); only ADMINs see the table, and the secret only once.
CREATE TABLE pulse_embed_app (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    secret      VARCHAR(100) NOT NULL,
    origin      VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100) NOT NULL
);
