/** The discovery module's public API: other modules import only from here. */
export { searchProducts, searchVideos, searchPeople, searchLiveRooms } from './search-results.js';
export { personCards, type PersonCard } from './person-cards.js';
