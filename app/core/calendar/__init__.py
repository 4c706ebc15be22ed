"""Time: UTC storage shown in Asia/Jakarta, and the Indonesian working-day calendar."""
