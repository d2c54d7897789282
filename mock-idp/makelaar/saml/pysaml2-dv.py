#!/usr/bin/python3
"""A DV built on pysaml2 (Debian's python3-pysaml2), as pysaml2.test.ts drives it.

One JSON command a line on stdin, one JSON answer a line on stdout. Every key and
certificate comes from the test (generated TEST keys). pysaml2 itself writes
the SP metadata, the signed AuthnRequest (Redirect binding) and the signed
ArtifactResolve, resolves the artifact over SOAP (mutual TLS when its config
says so), verifies the signatures with xmlsec1 and checks the Response.

Commands:
  version   -> {"pysaml2"}
  metadata  -> {"metadataXml"}
  authn     -> {"requestId", "url"}
  resolve   -> {"ok": true, ...what the DV read} or {"ok": false, "stage", "error"}
"""
import base64
import json
import os
import sys
import tempfile
import traceback
from xml.dom import minidom

from saml2 import BINDING_HTTP_ARTIFACT, BINDING_HTTP_REDIRECT, class_name, samlp
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.samlp import RequestedAuthnContext
from saml2.saml import AuthnContextClassRef
from saml2.sigver import security_context
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
XENC = "http://www.w3.org/2001/04/xmlenc#"
DS = "http://www.w3.org/2000/09/xmldsig#"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


def write(directory, name, content):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)
    return path


def sp_config(command, directory):
    """The pysaml2 configuration a DV writes, from the test's values."""
    keys = command["keys"]
    makelaar = command.get("makelaar") or {}
    config = {
        "entityid": command["entityID"],
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "key_file": write(directory, "signing.key", keys["signing"]["key"]),
        "cert_file": write(directory, "signing.crt", keys["signing"]["cert"]),
        "encryption_keypairs": [
            {
                "key_file": write(directory, "encryption.key", keys["encryption"]["key"]),
                "cert_file": write(directory, "encryption.crt", keys["encryption"]["cert"]),
            }
        ],
        "name": command.get("serviceName", "pysaml2 DV"),
        # pysaml2's attribute maps know no urn:etoegang names: without this,
        # ava drops them all.
        "allow_unknown_attributes": command.get("allowUnknownAttributes", True),
        "service": {
            "sp": {
                "endpoints": {
                    "assertion_consumer_service": [(command["acsUrl"], BINDING_HTTP_ARTIFACT)],
                },
                # eHerkenning: the ServiceID names the AttributeConsumingService.
                "required_attributes": [command["serviceID"]],
                "authn_requests_signed": True,
                "want_assertions_signed": True,
                # By Artifact the ArtifactResponse is signed, the inner Response not.
                "want_response_signed": False,
                "allow_unsolicited": False,
                "force_authn": True,
                # Read from here, not from the top level (Config.getattr looks
                # in the service's section): left at the top, pysaml2 signs
                # its ArtifactResolve with RSA-SHA1, which the makelaar refuses.
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            }
        },
    }
    if makelaar.get("metadataUrl"):
        config["metadata"] = {
            "remote": [
                {
                    "url": makelaar["metadataUrl"],
                    "cert": write(directory, "makelaar.crt", makelaar["certificatePem"]),
                }
            ]
        }
    tls = command.get("tls") or {}
    if tls.get("verify"):
        config["verify_ssl_cert"] = True
        config["ca_certs"] = write(directory, "makelaar-tls.crt", tls["caPem"])
    sp = SPConfig()
    sp.load(config)
    return sp


def metadata(command, directory):
    config = sp_config(command, directory)
    descriptor = entity_descriptor(config)
    secc = security_context(config)
    _, xml = sign_entity_descriptor(
        descriptor, None, secc, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256
    )
    return {"metadataXml": xml}


def client(command, directory):
    sp = Saml2Client(config=sp_config(command, directory))
    override = (command.get("tls") or {}).get("clientCertificate")
    if override:
        # pysaml2 7.0.1 presents its signing key pair (key_file, cert_file) as
        # the TLS client certificate and has no setting for another one; a DV
        # with a separate TLS certificate sets it on the HTTP client.
        sp.request_args["cert"] = (
            write(directory, "tls-client.crt", override["cert"]),
            write(directory, "tls-client.key", override["key"]),
        )
    return sp


def authn(command, directory):
    try:
        sp = client(command, directory)
    except Exception as error:  # the makelaar's metadata did not load or verify
        return refusal("metadata", error)
    request_id, info = sp.prepare_for_authenticate(
        binding=BINDING_HTTP_REDIRECT,
        response_binding=BINDING_HTTP_ARTIFACT,
        relay_state=command.get("relayState", ""),
        sigalg=SIG_RSA_SHA256,
        attribute_consuming_service_index="1",
        requested_authn_context=RequestedAuthnContext(
            authn_context_class_ref=[AuthnContextClassRef(text=command["requestedLevel"])],
            comparison="minimum",
        ),
    )
    location = dict(info["headers"])["Location"]
    return {"requestId": request_id, "url": location}


def refusal(stage, error):
    detail = error.args[0] if error.args else ""
    if isinstance(detail, dict):
        # A SignatureError carries the whole document; its message and cause say enough.
        detail = detail.get("message", "")
    if error.__cause__ is not None:
        detail = "%s (%s)" % (detail, error.__cause__)
    return {"ok": False, "stage": stage, "error": ("%s: %s" % (type(error).__name__, detail))[:800]}


def resolve(command, directory):
    """Resolves the artifact over SOAP, then reads the answer two ways.

    `library`: pysaml2's own parse_artifact_resolve_response, as its API
    offers it. `dv`: what a DV has to write around it (below), handing the
    inner Response to pysaml2's parse_authn_request_response.
    """
    sp = client(command, directory)
    try:
        soap = sp.artifact2message(command["artifact"], "idpsso", sign=True)
    except Exception as error:
        return refusal("artifact2message", error)
    try:
        sp.parse_artifact_resolve_response(soap.text)
        library = {"ok": True}
    except Exception as error:
        library = refusal("parse_artifact_resolve_response", error)
    # Without conv_info, pysaml2 does not check the SubjectConfirmation's
    # Recipient at all (response.py, verify_recipient).
    conv_info = {"entity_id": sp.config.entityid} if command.get("checkRecipient", True) else None
    result = read_as_dv(sp, soap.text, command["outstanding"], conv_info, directory)
    result["library"] = library
    return result


def read_as_dv(sp, soap_text, outstanding, conv_info, directory):
    stage = "ArtifactResponse"
    try:
        inner = inner_response(sp, soap_text, directory)
        stage = "parse_authn_request_response"
        answer = sp.parse_authn_request_response(
            base64.b64encode(inner.encode("utf-8")).decode("ascii"),
            BINDING_HTTP_ARTIFACT,
            outstanding=outstanding,
            conv_info=conv_info,
        )
        # For some failures (a Destination that is not its ACS, among others:
        # StatusResponse._verify) pysaml2 logs and returns the response
        # without an assertion instead of raising: the DV must look.
        if answer is None or answer.assertion is None:
            raise ValueError("pysaml2 returned the response without a verified assertion")
        stage = "read"
        result = read(sp, answer)
        stage = "EncryptedID"
        result["identifiers"] = identifiers(sp, inner, directory)
        return result
    except Exception as error:
        return refusal(stage, error)


def inner_response(sp, soap_text, directory):
    """The ArtifactResponse's signature checked by pysaml2's xmlsec1 backend on
    the bytes received, then its samlp:Response as text, with the namespace
    declarations it inherits (pysaml2's own path re-serialises it and loses
    the xs prefix that xsi:type="xs:string" needs)."""
    document = minidom.parseString(soap_text)
    found = document.getElementsByTagNameNS(SAMLP, "ArtifactResponse")
    if len(found) != 1:
        raise ValueError("no ArtifactResponse in the SOAP answer")
    artifact_response = found[0]
    issuer = first_child(artifact_response, SAML, "Issuer")
    certificates = sp.metadata.certs(issuer.firstChild.data.strip(), "idpsso", "signing")
    verified = False
    for certificate in certificates:
        path = write(directory, "makelaar-signing.pem", pem(certificate))
        if sp.sec.verify_signature(
            soap_text,
            cert_file=path,
            node_name=class_name(samlp.ArtifactResponse()),
            node_id=artifact_response.getAttribute("ID"),
        ):
            verified = True
            break
    if not verified:
        raise ValueError("the ArtifactResponse's signature does not verify")
    status = first_child(first_child(artifact_response, SAMLP, "Status"), SAMLP, "StatusCode")
    if status is None or status.getAttribute("Value") != SUCCESS:
        raise ValueError("the ArtifactResponse's status is not Success")
    # pysaml2's artifact2message keeps the ArtifactResolve's ID to itself, so
    # the ArtifactResponse's InResponseTo cannot be checked here.
    response = first_child(artifact_response, SAMLP, "Response")
    if response is None:
        # SAML core 3.5.3: an unknown or already resolved artifact.
        raise ValueError("the ArtifactResponse holds no Response: the artifact is unknown or was resolved already")
    node = response.parentNode
    while node is not None and node.nodeType == node.ELEMENT_NODE:
        for name, value in node.attributes.items():
            if (name == "xmlns" or name.startswith("xmlns:")) and not response.hasAttribute(name):
                response.setAttribute(name, value)
        node = node.parentNode
    return response.toxml()


def first_child(element, namespace, name):
    if element is None:
        return None
    for child in element.childNodes:
        if child.nodeType == child.ELEMENT_NODE and child.namespaceURI == namespace and child.localName == name:
            return child
    return None


def pem(certificate):
    body = "".join(certificate.split())
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n" % "\n".join(lines)


def identifiers(sp, response_xml, directory):
    """Every EncryptedID in the outer assertion's attributes (pysaml2 leaves
    them undecrypted in its ava), decrypted by pysaml2's xmlsec1 backend as
    they arrive (`library`), and after the step a DV must add (`dv`)."""
    document = minidom.parseString(response_xml)
    response = document.documentElement
    assertion = first_child(response, SAML, "Assertion")
    found = []
    for statement in children(assertion, SAML, "AttributeStatement"):
        for attribute in children(statement, SAML, "Attribute"):
            for value in children(attribute, SAML, "AttributeValue"):
                encrypted_id = first_child(value, SAML, "EncryptedID")
                if encrypted_id is None:
                    continue
                data = first_child(encrypted_id, XENC, "EncryptedData")
                entry = {"attribute": attribute.getAttribute("Name")}
                try:
                    entry["library"] = name_id(sp.sec.decrypt(data.toxml()))
                except Exception as error:
                    entry["library"] = refusal("decrypt", error)
                try:
                    entry["dv"] = name_id(sp.sec.decrypt(with_our_key(sp, encrypted_id, data)))
                except Exception as error:
                    entry["dv"] = refusal("decrypt", error)
                found.append(entry)
    return found


def with_our_key(sp, encrypted_id, data):
    """The network layout puts one EncryptedKey per recipient beside the
    EncryptedData; xmlsec1 looks for it in the data's KeyInfo. The one for us
    has our entityID as Recipient and carries the key name the data names
    (as python3-saml's eHerkenning fork does)."""
    key_info = first_child(data, DS, "KeyInfo")
    key_name = first_child(key_info, DS, "KeyName").firstChild.data.strip()
    for key in children(encrypted_id, XENC, "EncryptedKey"):
        carried = first_child(key, XENC, "CarriedKeyName")
        if key.getAttribute("Recipient") == sp.config.entityid and carried is not None and carried.firstChild.data.strip() == key_name:
            copy = data.cloneNode(True)
            copy_key_info = first_child(copy, DS, "KeyInfo")
            copy_key_info.appendChild(key.cloneNode(True))
            for prefix, namespace in (("xenc", XENC), ("ds", DS)):
                copy.setAttribute("xmlns:" + prefix, namespace)
            return copy.toxml()
    raise ValueError("no EncryptedKey for %s" % sp.config.entityid)


def name_id(xml):
    element = minidom.parseString(xml).documentElement
    return {
        "ok": True,
        "format": element.getAttribute("Format"),
        "nameQualifier": element.getAttribute("NameQualifier"),
        "value": element.firstChild.data if element.firstChild else "",
    }


def children(element, namespace, name):
    return [
        c for c in element.childNodes
        if c.nodeType == c.ELEMENT_NODE and c.namespaceURI == namespace and c.localName == name
    ]


def read(sp, answer):
    assertion = answer.assertion
    authn_info = answer.authn_info()
    return {
        "ok": True,
        "inResponseTo": answer.in_response_to,
        "nameId": {
            "format": answer.name_id.format,
            "nameQualifier": answer.name_id.name_qualifier,
        },
        "issuer": answer.issuer(),
        "level": authn_info[0][0],
        "authenticatingAuthorities": authn_info[0][1],
        "ava": {name: [str(v) for v in values] for name, values in answer.ava.items()},
        "adviceAssertions": len(assertion.advice.assertion) if assertion.advice else 0,
    }


def version(command, directory):
    from saml2.version import version as pysaml2_version

    return {"pysaml2": pysaml2_version}


COMMANDS = {"version": version, "metadata": metadata, "authn": authn, "resolve": resolve}


def main():
    # One process for many commands: importing pysaml2 takes seconds.
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        try:
            with tempfile.TemporaryDirectory(prefix="eh-pysaml2-") as directory:
                result = COMMANDS[command["command"]](command, directory)
        except Exception:
            result = {"crash": traceback.format_exc()}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
