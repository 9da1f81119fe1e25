"""gongkai — 政务公开平台: the information-disclosure platform of a government."""
