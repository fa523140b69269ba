package app.tandem.archfixture.demo;

/** Architecture-rule fixture. */
public class DemoThing {
}
