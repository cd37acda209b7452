"""protsim classroom: lessons with sliders in the browser, running the real engine."""
