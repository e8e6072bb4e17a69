"""Go standard-library text forms that kubectl's output is made of.

The bottom layer: every other package may import it, and it imports nothing from
minikubectl (only the Python standard library, lazily where that costs something).

* :mod:`minikubectl.golang.strconv`: ``strconv.FormatFloat`` ('g' shortest and
  ``encoding/json``'s float text), ``strconv.Quote``/``QuoteToASCII``/``QuoteRune``.
* :mod:`minikubectl.golang.json`: ``encoding/json``'s ``Marshal``/``MarshalIndent``.
"""
