"""The Java test bed: the product's Java program under a real JVM against a stand-in IRRRacf.jar (see README.md)."""
