"""The console's screens and widgets (Textual).

Textual paints at most `TEXTUAL_FPS` frames a second, and a refresh asked for just after a frame
waits for the next one: at Textual's 60 that wait is up to 17 ms of the 50 ms a key press has to
show its result. The console asks for 120 before Textual is imported; a `TEXTUAL_FPS` set by
the user is kept.
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "120")
