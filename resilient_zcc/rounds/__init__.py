"""Call rounds (belronde): carry a message to a set of functions and record who was reached."""
