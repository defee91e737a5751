-- The catalog: movies, people and who did what in which film.
CREATE TABLE movies (
    movie_id     BIGINT         NOT NULL PRIMARY KEY,
    title        NVARCHAR(500)  NOT NULL,
    release_year INT            NULL,
    genres       NVARCHAR(500)  NOT NULL DEFAULT '',   -- pipe-separated, as in MovieLens: Adventure|Comedy
    overview     NVARCHAR(MAX)  NULL,
    keywords     NVARCHAR(MAX)  NULL,                  -- pipe-separated
    poster_url   NVARCHAR(1000) NULL,
    imdb_id      NVARCHAR(20)   NULL,
    tmdb_id      BIGINT         NULL,
    updated_at   DATETIMEOFFSET NOT NULL DEFAULT SYSDATETIMEOFFSET()
);

CREATE TABLE people (
    person_id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    name      NVARCHAR(300) NOT NULL
);
CREATE INDEX people_name ON people (name);

CREATE TABLE movie_people (
    movie_id      BIGINT       NOT NULL REFERENCES movies (movie_id) ON DELETE CASCADE,
    person_id     BIGINT       NOT NULL REFERENCES people (person_id) ON DELETE CASCADE,
    role          NVARCHAR(10) NOT NULL CHECK (role IN ('DIRECTOR', 'CAST')),
    billing_order INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (movie_id, person_id, role)
);
CREATE INDEX movie_people_person ON movie_people (person_id);
