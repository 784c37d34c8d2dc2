"""Background work, through Django's Tasks API (settings.TASKS).

With the default immediate backend a task runs at once in the calling process,
so a newcomer and the tests need no worker; production points TASKS at a
database-backed worker (see README).
"""

from django.tasks import task

from .services import publish_due


@task
def publish_scheduled_task() -> dict:
    run = publish_due()
    return {"published": len(run.published), "taken_down": len(run.taken_down)}
