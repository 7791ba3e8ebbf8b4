// The favourites module's public surface.
export { type FavouriteCursor, encodeFavouriteCursor, decodeFavouriteCursor } from './cursor.js';
export {
  FAVOURITES_PAGE_MAX,
  type FavouriteState,
  type FavouriteItem,
  addFavourite,
  removeFavourite,
  favouriteState,
  myFavourites,
} from './favourites.js';
