// Imports vite and @crxjs resolve at build time: `?script&iife` gives the file
// name of a self-contained content script, for scripting.executeScript.
/// <reference types="@crxjs/vite-plugin/client" />
