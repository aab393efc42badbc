// Placeholder until the QueueCore module lands.
