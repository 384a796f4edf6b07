"""The AI-stack layer classifier: labelling functions, the trained model, its evaluation."""
