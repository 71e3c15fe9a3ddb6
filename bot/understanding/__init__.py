"""Reading what people type: answers, dates, numbers, places and signals, without Rasa."""
