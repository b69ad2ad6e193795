-- User accounts and stored API keys of the web application. Portable SQL: the same file runs on
-- H2 (PostgreSQL mode) and on PostgreSQL. Passwords are delegating-encoder hashes ({bcrypt}...);
-- of an API key only its SHA-256 is kept, so a copy of this table lets nobody call the API.

CREATE TABLE pulse_user (
    username       VARCHAR(100) NOT NULL PRIMARY KEY,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(500) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    regions        VARCHAR(200) NOT NULL,
    locale         VARCHAR(10)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE pulse_api_key (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    digest      VARCHAR(64)  NOT NULL UNIQUE,
    role        VARCHAR(20)  NOT NULL,
    regions     VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100) NOT NULL
);
