// Placeholder until the TestServices module lands.
