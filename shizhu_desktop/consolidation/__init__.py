"""The county office's side: who reported on time, the 催报名单, and the consolidated summary of a month."""
