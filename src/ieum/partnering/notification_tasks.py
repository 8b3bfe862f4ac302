"""Worker tasks: notification_tasks."""
