package io.rulescope.web;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What the feeds write: text elements without the control characters XML cannot carry (rule text is untrusted), and links. */
public final class AtomXml {

    private AtomXml() {
    }

    public static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", ""));
        xml.writeEndElement();
    }

    public static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
