def test_probe(app):
    from sqlalchemy import select, func
    from app.core.outbox import OutboxMessage
    from app.extensions import db
    from app.core.clock import utcnow
    with app.app_context():
        rows = db.session.execute(select(OutboxMessage.status, OutboxMessage.event, func.count()).group_by(OutboxMessage.status, OutboxMessage.event)).all()
        due = db.session.scalar(select(func.count()).where(OutboxMessage.status=="pending", OutboxMessage.next_attempt_at <= utcnow()))
        print("PROBE", due, rows)
        print("PROBE mail config", app.config["MAIL_SERVER"], app.config["MAIL_PORT"], app.config.get("SERVER_NAME"))
