// The catalogue the extension uses: the bundled snapshot until a refresh from
// the aggregator succeeds. A refresh that fails in any way (network, HTTP
// status, cut-off download, bad XML, no services) leaves the last good
// catalogue in place and records why, for the options page.
import { parseCatalogue } from "../../eherkenning/catalogue/parse.ts";
import { indexCatalogue, type CatalogueIndex } from "../../eherkenning/catalogue/lookup.ts";
import type { Catalogue } from "../../eherkenning/catalogue/model.ts";
import type { CatalogueStatus } from "../shared/messages.ts";

export const AGGREGATOR_URL = "https://aggregator.etoegang.nl/1.13/servicecatalog.xml";
export const CATALOGUE_KEY = "catalogue";
/** The real aggregated catalogue is a few MB; refuse what cannot be one. */
export const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

interface StoredCatalogue {
  source: "aggregator";
  xml: string;
  fetchedAt: string;
}

interface StoredState {
  downloaded?: StoredCatalogue;
  lastError?: { at: string; message: string };
}

export interface LoadedCatalogue {
  readonly index: CatalogueIndex;
  readonly status: CatalogueStatus;
}

export type Progress = (received: number, total: number | null) => void;

export class RefreshError extends Error {
  override readonly name = "RefreshError";
}

function countServices(catalogue: Catalogue): number {
  return catalogue.providers.reduce((n, p) => n + p.definitions.length, 0);
}

/** Reads a response body in chunks, reporting progress; a short body is an error. */
async function readBody(response: Response, onProgress: Progress): Promise<string> {
  const header = response.headers.get("content-length");
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  if (total !== null && total > MAX_DOWNLOAD_BYTES) {
    throw new RefreshError(
      `the aggregator offers ${total} bytes, more than the ${MAX_DOWNLOAD_BYTES} byte limit`,
    );
  }
  const reader = response.body?.getReader();
  if (!reader) return response.text();
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new RefreshError(`the download broke off after ${received} bytes (${String(error)})`);
    }
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > MAX_DOWNLOAD_BYTES) {
      await reader.cancel();
      throw new RefreshError(`the download passed the ${MAX_DOWNLOAD_BYTES} byte limit`);
    }
    parts.push(decoder.decode(chunk.value, { stream: true }));
    onProgress(received, total);
  }
  parts.push(decoder.decode());
  if (total !== null && received < total) {
    throw new RefreshError(`the download stopped after ${received} of ${total} bytes`);
  }
  return parts.join("");
}

/** Downloads and checks a catalogue; throws a RefreshError that says what was wrong. */
export async function downloadCatalogue(
  url: string,
  fetchFn: typeof fetch,
  onProgress: Progress,
): Promise<{ xml: string; catalogue: Catalogue }> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: "no-store", credentials: "omit" });
  } catch (error) {
    throw new RefreshError(`could not reach ${new URL(url).host} (${String(error)})`);
  }
  if (!response.ok) throw new RefreshError(`${new URL(url).host} answered HTTP ${response.status}`);
  const xml = await readBody(response, onProgress);
  let catalogue: Catalogue;
  try {
    catalogue = parseCatalogue(xml);
  } catch (error) {
    throw new RefreshError(
      `the file is not a usable catalogue: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (countServices(catalogue) === 0) throw new RefreshError("the catalogue lists no services");
  return { xml, catalogue };
}

export class CatalogueStore {
  #loaded: LoadedCatalogue | undefined;

  constructor(
    private readonly storage: KeyValueStore,
    private readonly bundledXml: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async #state(): Promise<StoredState> {
    const value = await this.storage.get(CATALOGUE_KEY);
    return typeof value === "object" && value !== null ? (value as StoredState) : {};
  }

  #bundled(lastError: StoredState["lastError"]): LoadedCatalogue {
    const catalogue = parseCatalogue(this.bundledXml);
    return {
      index: indexCatalogue(catalogue),
      status: {
        source: "bundled",
        serviceCount: countServices(catalogue),
        issueInstant: catalogue.issueInstant,
        lastError,
      },
    };
  }

  /** The catalogue in use; parsed once per background start. */
  async current(): Promise<LoadedCatalogue> {
    if (this.#loaded) return this.#loaded;
    const state = await this.#state();
    let loaded: LoadedCatalogue | undefined;
    if (state.downloaded) {
      try {
        const catalogue = parseCatalogue(state.downloaded.xml);
        loaded = {
          index: indexCatalogue(catalogue),
          status: {
            source: "aggregator",
            serviceCount: countServices(catalogue),
            issueInstant: catalogue.issueInstant,
            fetchedAt: state.downloaded.fetchedAt,
            lastError: state.lastError,
          },
        };
      } catch {
        // A stored download that no longer parses was checked when it came in;
        // fall back rather than leave the person without hints.
      }
    }
    this.#loaded = loaded ?? this.#bundled(state.lastError);
    return this.#loaded;
  }

  async refresh(
    url: string,
    fetchFn: typeof fetch,
    onProgress: Progress,
  ): Promise<CatalogueStatus> {
    const state = await this.#state();
    try {
      const { xml, catalogue } = await downloadCatalogue(url, fetchFn, onProgress);
      const fetchedAt = this.now().toISOString();
      await this.storage.set(CATALOGUE_KEY, {
        downloaded: { source: "aggregator", xml, fetchedAt },
      });
      this.#loaded = {
        index: indexCatalogue(catalogue),
        status: {
          source: "aggregator",
          serviceCount: countServices(catalogue),
          issueInstant: catalogue.issueInstant,
          fetchedAt,
        },
      };
      return this.#loaded.status;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const lastError = { at: this.now().toISOString(), message };
      await this.storage.set(CATALOGUE_KEY, { ...state, lastError });
      this.#loaded = undefined;
      throw new RefreshError(message);
    }
  }

  async useBundled(): Promise<CatalogueStatus> {
    await this.storage.set(CATALOGUE_KEY, {});
    this.#loaded = this.#bundled(undefined);
    return this.#loaded.status;
  }
}
