"""The core every service uses and that uses no service: offices, people, scoping, engine."""
