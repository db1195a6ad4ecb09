from briefing.cli import app

app(prog_name="briefing")
