// Placeholder until the PostgresClient module lands.
