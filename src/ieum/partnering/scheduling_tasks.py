"""Worker tasks: scheduling_tasks."""
