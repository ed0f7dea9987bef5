// Unit tests run in Node with fakeBrowser (wired by WxtVitest) and an in-memory IndexedDB for idb-keyval.
import 'fake-indexeddb/auto';
