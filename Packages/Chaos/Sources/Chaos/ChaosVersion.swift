/// The version of the Chaos package (kept equal to `VERSION`).
public let chaosVersion = "0.1.0"
